; NSIS additions for the Windows installer (build/electronBuilder.config.ts `nsis.include`).
; Registers AgentDesk as a *capable* handler of tel: and sip: links (Settings > Default apps, or IT's
; default-associations XML), without taking over the current default: Windows leaves that to the user.
; SHELL_CONTEXT is HKLM for per-machine installs and HKCU for per-user ones.

!macro agentDeskRegisterScheme SCHEME
  WriteRegStr SHELL_CONTEXT "Software\Classes\AgentDesk.${SCHEME}" "" "AgentDesk ${SCHEME} link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\AgentDesk.${SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\AgentDesk.${SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr SHELL_CONTEXT "Software\AgentDesk\Capabilities\URLAssociations" "${SCHEME}" "AgentDesk.${SCHEME}"
!macroend

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\AgentDesk\Capabilities" "ApplicationName" "AgentDesk"
  WriteRegStr SHELL_CONTEXT "Software\AgentDesk\Capabilities" "ApplicationDescription" "Call-center operator workstation"
  !insertmacro agentDeskRegisterScheme "tel"
  !insertmacro agentDeskRegisterScheme "sip"
  WriteRegStr SHELL_CONTEXT "Software\RegisteredApplications" "AgentDesk" "Software\AgentDesk\Capabilities"
!macroend

!macro customUnInstall
  DeleteRegValue SHELL_CONTEXT "Software\RegisteredApplications" "AgentDesk"
  DeleteRegKey SHELL_CONTEXT "Software\AgentDesk\Capabilities"
  DeleteRegKey /ifempty SHELL_CONTEXT "Software\AgentDesk"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\AgentDesk.tel"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\AgentDesk.sip"
!macroend
