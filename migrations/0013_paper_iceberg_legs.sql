-- 0013 the paper venue remembers an iceberg's legs (issue 7: Kite varieties).
--
-- An iceberg order is one order the venue works in 2–10 equal legs, one leg
-- at a time, each leg its own execution. The paper venue must know the leg
-- count for as long as the order rests, and a resting order outlives a
-- restart (0010), so the count is part of the venue's book. NULL: not an
-- iceberg. The order ledger needs no column: an order's variety is in its
-- INTENT payload, which the `orders` projection and every view are folded from.
--
-- (An after-market order needs nothing here: the simulated market never
-- closes, so the paper venue works an AMO like any other order.)

ALTER TABLE paper_orders ADD COLUMN iceberg_legs smallint
  CONSTRAINT paper_orders_iceberg_legs_check CHECK (iceberg_legs BETWEEN 2 AND 10);

COMMENT ON COLUMN paper_orders.iceberg_legs IS
  'Legs of an iceberg order (each quantity / iceberg_legs, executed one after another); NULL when not an iceberg.';
