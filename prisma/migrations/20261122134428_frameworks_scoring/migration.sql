-- CreateEnum
CREATE TYPE "AdjustmentKind" AS ENUM ('BONUS', 'PENALTY');

-- AlterTable
ALTER TABLE "Framework" ADD COLUMN     "classification" JSONB;

-- CreateTable
CREATE TABLE "CriterionMapping" (
    "id" TEXT NOT NULL,
    "fromFrameworkId" TEXT NOT NULL,
    "fromCode" TEXT NOT NULL,
    "toFrameworkId" TEXT NOT NULL,
    "toCode" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "CriterionMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreAdjustment" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "kind" "AdjustmentKind" NOT NULL,
    "code" TEXT,
    "description" TEXT NOT NULL,
    "points" DECIMAL(8,2) NOT NULL,
    "unitNote" TEXT,
    "appraiserNote" TEXT,
    "accepted" BOOLEAN NOT NULL DEFAULT false,
    "evidenceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScoreAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResultSnapshot" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "achieved" DECIMAL(8,2) NOT NULL,
    "max" DECIMAL(8,2) NOT NULL,
    "indexHundredths" INTEGER NOT NULL,
    "band" TEXT,
    "rankOverall" INTEGER NOT NULL,
    "rankInGroup" INTEGER NOT NULL,
    "selfPoints" DECIMAL(8,2) NOT NULL,
    "surveyPoints" DECIMAL(8,2) NOT NULL,
    "bonusPoints" DECIMAL(8,2) NOT NULL,
    "penaltyPoints" DECIMAL(8,2) NOT NULL,
    "nodes" JSONB NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResultSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CriterionMapping_toFrameworkId_idx" ON "CriterionMapping"("toFrameworkId");

-- CreateIndex
CREATE UNIQUE INDEX "CriterionMapping_fromFrameworkId_fromCode_toFrameworkId_key" ON "CriterionMapping"("fromFrameworkId", "fromCode", "toFrameworkId");

-- CreateIndex
CREATE INDEX "ScoreAdjustment_assessmentId_idx" ON "ScoreAdjustment"("assessmentId");

-- CreateIndex
CREATE INDEX "ResultSnapshot_cycleId_rankOverall_idx" ON "ResultSnapshot"("cycleId", "rankOverall");

-- CreateIndex
CREATE UNIQUE INDEX "ResultSnapshot_cycleId_unitId_key" ON "ResultSnapshot"("cycleId", "unitId");

-- AddForeignKey
ALTER TABLE "CriterionMapping" ADD CONSTRAINT "CriterionMapping_fromFrameworkId_fkey" FOREIGN KEY ("fromFrameworkId") REFERENCES "Framework"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionMapping" ADD CONSTRAINT "CriterionMapping_toFrameworkId_fkey" FOREIGN KEY ("toFrameworkId") REFERENCES "Framework"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreAdjustment" ADD CONSTRAINT "ScoreAdjustment_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreAdjustment" ADD CONSTRAINT "ScoreAdjustment_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultSnapshot" ADD CONSTRAINT "ResultSnapshot_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultSnapshot" ADD CONSTRAINT "ResultSnapshot_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultSnapshot" ADD CONSTRAINT "ResultSnapshot_frameworkId_fkey" FOREIGN KEY ("frameworkId") REFERENCES "Framework"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
