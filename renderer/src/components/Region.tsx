// A named landmark region of the console (softphone, caller card, …). Runs in Chromium.
// Focusable with tabIndex -1 so F6 can move focus between regions, as in VS Code and Windows apps.
import { useId, type ReactNode, type Ref } from 'react';

export interface RegionProps {
  /** The accessible name, also the region's heading. */
  name: string;
  /** Bars (softphone, status) keep the heading for screen readers only; panels show it. */
  headingVisible?: boolean;
  className?: string;
  ref?: Ref<HTMLElement>;
  children: ReactNode;
}

export function Region({ name, headingVisible = true, className, ref, children }: RegionProps) {
  const headingId = useId();
  return (
    <section ref={ref} className={`region ${className ?? ''}`} aria-labelledby={headingId} tabIndex={-1} data-region="">
      <h2 id={headingId} className={headingVisible ? 'region-heading' : 'visually-hidden'}>
        {name}
      </h2>
      {children}
    </section>
  );
}
