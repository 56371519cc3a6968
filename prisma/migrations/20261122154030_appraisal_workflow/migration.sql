/*
  Warnings:

  - The column `appraisalAreas` on the `User` table is replaced by per-cycle assignments: its areas become
    assignments of every unpublished cycle (below) before the column is dropped.

*/
-- AlterTable
ALTER TABLE "Cycle" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "compiledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "requestId" TEXT;


-- CreateTable
CREATE TABLE "AppraisalAssignment" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "criterionCode" TEXT NOT NULL,
    "appraiserId" TEXT,
    "unitId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppraisalAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExplanationRequest" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "request" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "requestedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "answeredById" TEXT,

    CONSTRAINT "ExplanationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "link" TEXT,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AppraisalAssignment_appraiserId_idx" ON "AppraisalAssignment"("appraiserId");

-- CreateIndex
CREATE INDEX "AppraisalAssignment_unitId_idx" ON "AppraisalAssignment"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AppraisalAssignment_cycleId_criterionCode_appraiserId_unitI_key" ON "AppraisalAssignment"("cycleId", "criterionCode", "appraiserId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ExplanationRequest_entryId_round_key" ON "ExplanationRequest"("entryId", "round");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_dedupeKey_key" ON "Notification"("userId", "dedupeKey");

-- AddForeignKey
ALTER TABLE "AppraisalAssignment" ADD CONSTRAINT "AppraisalAssignment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppraisalAssignment" ADD CONSTRAINT "AppraisalAssignment_appraiserId_fkey" FOREIGN KEY ("appraiserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppraisalAssignment" ADD CONSTRAINT "AppraisalAssignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExplanationRequest" ADD CONSTRAINT "ExplanationRequest_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "ScoreEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ExplanationRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Carry the appraisers' areas over to the cycles still being appraised, then drop the old column.
INSERT INTO "AppraisalAssignment" ("id", "cycleId", "criterionCode", "appraiserId")
SELECT gen_random_uuid()::text, c."id", area, u."id"
FROM "User" u CROSS JOIN LATERAL unnest(u."appraisalAreas") AS area
CROSS JOIN (SELECT "id" FROM "Cycle" WHERE "publishedAt" IS NULL) c;

ALTER TABLE "User" DROP COLUMN "appraisalAreas";
