-- CreateTable
CREATE TABLE "analytics_customer_days" (
    "customer_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" DECIMAL(14,2) NOT NULL,
    "first_order_day" DATE NOT NULL,

    CONSTRAINT "analytics_customer_days_pkey" PRIMARY KEY ("customer_id","day")
);

-- CreateTable
CREATE TABLE "analytics_spells" (
    "customer_id" INTEGER NOT NULL,
    "start_day" DATE NOT NULL,
    "end_day" DATE NOT NULL,

    CONSTRAINT "analytics_spells_pkey" PRIMARY KEY ("customer_id","start_day")
);

-- CreateTable
CREATE TABLE "analytics_customers" (
    "customer_id" INTEGER NOT NULL,
    "first_active_day" DATE NOT NULL,
    "first_order_day" DATE,
    "last_order_day" DATE,
    "orders" INTEGER NOT NULL,
    "revenue" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "analytics_customers_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "analytics_event_days" (
    "customer_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "events" INTEGER NOT NULL,

    CONSTRAINT "analytics_event_days_pkey" PRIMARY KEY ("customer_id","day")
);

-- CreateTable
CREATE TABLE "analytics_changes" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" INTEGER,

    CONSTRAINT "analytics_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "analytics_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "generation" BIGINT NOT NULL,
    "window_days" INTEGER NOT NULL,
    "time_zone" TEXT NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "analytics_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "analytics_customer_days_day_idx" ON "analytics_customer_days"("day");

-- CreateIndex
CREATE INDEX "analytics_spells_start_day_idx" ON "analytics_spells"("start_day");

-- CreateIndex
CREATE INDEX "analytics_spells_end_day_idx" ON "analytics_spells"("end_day");

-- CreateIndex
CREATE INDEX "analytics_customers_first_order_day_idx" ON "analytics_customers"("first_order_day");

-- CreateIndex
CREATE INDEX "analytics_event_days_day_idx" ON "analytics_event_days"("day");

-- Change tracking for the derived analytics tables (hand-written: Prisma does not model
-- triggers). Statement-level triggers append the customers whose orders, contracts or events
-- changed, and a NULL row for any other business change. The refresher consumes them.
CREATE FUNCTION analytics_note_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO analytics_changes (customer_id) SELECT DISTINCT customer_id FROM new_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO analytics_changes (customer_id) SELECT DISTINCT customer_id FROM old_rows;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION analytics_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM analytics_state; -- forces a full rebuild
  END IF;
  INSERT INTO analytics_changes (customer_id) VALUES (NULL);
  RETURN NULL;
END $$;

CREATE TRIGGER orders_ins_analytics AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_customers();
CREATE TRIGGER orders_upd_analytics AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_customers();
CREATE TRIGGER orders_del_analytics AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_customers();
CREATE TRIGGER contracts_ins_analytics AFTER INSERT ON contracts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_customers();
CREATE TRIGGER contracts_upd_analytics AFTER UPDATE ON contracts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_customers();
CREATE TRIGGER contracts_del_analytics AFTER DELETE ON contracts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_customers();
CREATE TRIGGER events_ins_analytics AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_customers();
CREATE TRIGGER events_upd_analytics AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_customers();
CREATE TRIGGER events_del_analytics AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_customers();

CREATE TRIGGER orders_truncate_analytics AFTER TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_change();
CREATE TRIGGER contracts_truncate_analytics AFTER TRUNCATE ON contracts
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_change();
CREATE TRIGGER events_truncate_analytics AFTER TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_change();
CREATE TRIGGER customers_analytics AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON customers
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_change();
CREATE TRIGGER campaigns_analytics AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaigns
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_change();
CREATE TRIGGER campaign_members_analytics AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaign_members
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_change();
CREATE TRIGGER offer_assignments_analytics AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON offer_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_change();
CREATE TRIGGER customer_scores_analytics AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON customer_scores
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_note_change();
