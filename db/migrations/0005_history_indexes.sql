DROP INDEX `catalogue_items_kind`;--> statement-breakpoint
CREATE INDEX `catalogue_items_kind_name` ON `catalogue_items` (`kind`,`name`);--> statement-breakpoint
CREATE INDEX `tickets_interaction` ON `tickets` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `knowledge_articles_kind_title` ON `knowledge_articles` (`kind`,`title`);--> statement-breakpoint
CREATE INDEX `orders_interaction` ON `orders` (`interaction_id`);--> statement-breakpoint
CREATE INDEX `callbacks_interaction` ON `callbacks` (`interaction_id`);