-- CreateTable
-- UNLOGGED: counters need no durability (a crash resets them, which only forgives some requests), and
-- without WAL a commit does not wait for a disk flush while it holds the row lock of a hot key (one
-- busy pipeline token updates one row hundreds of times a second).
CREATE UNLOGGED TABLE "rate_limit_counter" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "window_end" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_counter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "rate_limit_counter_window_end_idx" ON "rate_limit_counter"("window_end");
