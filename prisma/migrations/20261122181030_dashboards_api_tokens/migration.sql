-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NationalYear" (
    "year" INTEGER NOT NULL,
    "provinces" INTEGER NOT NULL,
    "averageHundredths" INTEGER,
    "partial" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NationalYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "NationalResult" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "province" TEXT NOT NULL,
    "region" TEXT,
    "indexHundredths" INTEGER NOT NULL,
    "rank" INTEGER,
    "regionRank" INTEGER,
    "sipasHundredths" INTEGER,
    "sipasRank" INTEGER,

    CONSTRAINT "NationalResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_secretHash_key" ON "ApiToken"("secretHash");

-- CreateIndex
CREATE INDEX "NationalResult_province_idx" ON "NationalResult"("province");

-- CreateIndex
CREATE UNIQUE INDEX "NationalResult_year_province_key" ON "NationalResult"("year", "province");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NationalResult" ADD CONSTRAINT "NationalResult_year_fkey" FOREIGN KEY ("year") REFERENCES "NationalYear"("year") ON DELETE CASCADE ON UPDATE CASCADE;
