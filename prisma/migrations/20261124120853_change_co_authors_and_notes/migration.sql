-- AlterTable
ALTER TABLE "change_request" ADD COLUMN     "notes" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "change_co_author" (
    "change_request_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,

    CONSTRAINT "change_co_author_pkey" PRIMARY KEY ("change_request_id","user_id")
);

-- CreateIndex
CREATE INDEX "change_co_author_user_id_idx" ON "change_co_author"("user_id");

-- AddForeignKey
ALTER TABLE "change_co_author" ADD CONSTRAINT "change_co_author_change_request_id_fkey" FOREIGN KEY ("change_request_id") REFERENCES "change_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_co_author" ADD CONSTRAINT "change_co_author_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
