CREATE TABLE `customer_phones` (
	`customer_id` text NOT NULL,
	`e164` text NOT NULL,
	`digits_reversed` text NOT NULL,
	`label` text,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `e164`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_phones_e164` ON `customer_phones` (`e164`);--> statement-breakpoint
CREATE INDEX `customer_phones_digits_reversed` ON `customer_phones` (`digits_reversed`);--> statement-breakpoint
CREATE TABLE `customers` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`external_id` text,
	`name` text NOT NULL,
	`company` text,
	`segment` text,
	`language` text,
	`account_number` text,
	`account_key` text,
	`tariff` text,
	`services` text DEFAULT '[]' NOT NULL,
	`address` text,
	`city` text,
	`email` text,
	`notes` text,
	`marketing_consent` integer DEFAULT false NOT NULL,
	`do_not_call` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_id_unique` ON `customers` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_external_id_unique` ON `customers` (`external_id`);--> statement-breakpoint
CREATE INDEX `customers_account_key` ON `customers` (`account_key`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`raw_caller_id` text,
	`e164` text,
	`display_name` text,
	`line` integer,
	`invite_at` integer NOT NULL,
	`answer_at` integer,
	`end_at` integer,
	`duration_ms` integer,
	`hung_up_by` text,
	`sip_code` integer,
	`sip_reason` text,
	`quality` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `calls_invite_at` ON `calls` (`invite_at`);--> statement-breakpoint
CREATE INDEX `calls_e164` ON `calls` (`e164`);--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`call_id` text,
	`kind` text NOT NULL,
	`direction` text,
	`outcome` text,
	`notes` text,
	`agent` text,
	`occurred_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `interactions_customer` ON `interactions` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `interactions_call` ON `interactions` (`call_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`transfer_target` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_code_unique` ON `departments` (`code`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`interaction_id` text,
	`call_id` text,
	`kind` text NOT NULL,
	`department_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`subject` text NOT NULL,
	`description` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `tickets_customer_status` ON `tickets` (`customer_id`,`status`);--> statement-breakpoint
CREATE TABLE `catalogue_items` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`price_minor` integer,
	`currency` text,
	`discount_percent` integer,
	`discount_minor` integer,
	`valid_from` integer,
	`valid_until` integer,
	`eligible_segments` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalogue_items_id_unique` ON `catalogue_items` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `catalogue_items_code_unique` ON `catalogue_items` (`code`);--> statement-breakpoint
CREATE INDEX `catalogue_items_kind` ON `catalogue_items` (`kind`);--> statement-breakpoint
CREATE TABLE `knowledge_articles` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`language` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_articles_id_unique` ON `knowledge_articles` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_articles_slug_unique` ON `knowledge_articles` (`slug`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`position` integer NOT NULL,
	`catalogue_item_id` text,
	`promotion_id` text,
	`description` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_minor` integer NOT NULL,
	`discount_minor` integer DEFAULT 0 NOT NULL,
	`line_total_minor` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`catalogue_item_id`) REFERENCES `catalogue_items`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`promotion_id`) REFERENCES `catalogue_items`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `order_lines_order` ON `order_lines` (`order_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`interaction_id` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`currency` text NOT NULL,
	`total_minor` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `orders_customer` ON `orders` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `search_index_state` (
	`name` text PRIMARY KEY NOT NULL,
	`fold_version` integer NOT NULL,
	`rebuilt_at` integer NOT NULL
);
