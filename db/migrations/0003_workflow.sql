CREATE TABLE `agent_state_events` (
	`id` text PRIMARY KEY NOT NULL,
	`agent` text NOT NULL,
	`state` text NOT NULL,
	`reason_code` text,
	`call_id` text,
	`cause` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agent_state_events_agent_at` ON `agent_state_events` (`agent`,`at`);--> statement-breakpoint
CREATE TABLE `call_scripts` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`language` text NOT NULL,
	`definition` text NOT NULL,
	`source_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`imported_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_scripts_key_version` ON `call_scripts` (`key`,`version`);--> statement-breakpoint
CREATE TABLE `callbacks` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`interaction_id` text,
	`call_id` text,
	`e164` text NOT NULL,
	`due_at` integer NOT NULL,
	`assignee` text,
	`created_by` text NOT NULL,
	`note` text,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `callbacks_due` ON `callbacks` (`due_at`) WHERE "callbacks"."status" IN ('scheduled', 'notified');--> statement-breakpoint
CREATE INDEX `callbacks_customer` ON `callbacks` (`customer_id`);--> statement-breakpoint
CREATE TABLE `wrap_up_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text,
	`customer_id` text,
	`agent` text NOT NULL,
	`content` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`opened_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wrap_up_drafts_call_id_unique` ON `wrap_up_drafts` (`call_id`);--> statement-breakpoint
CREATE INDEX `wrap_up_drafts_agent` ON `wrap_up_drafts` (`agent`,`updated_at`);--> statement-breakpoint
ALTER TABLE `interactions` ADD `outcome_subcode` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `custom_fields` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `script_id` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `script_run` text;