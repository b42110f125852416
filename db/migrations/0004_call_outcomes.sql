ALTER TABLE `calls` ADD `end_reason` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `conference` integer DEFAULT false NOT NULL;