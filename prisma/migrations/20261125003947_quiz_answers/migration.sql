-- CreateTable
CREATE TABLE "QuizAnswer" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "choices" JSONB NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuizAnswer_userId_moduleSlug_quizId_key" ON "QuizAnswer"("userId", "moduleSlug", "quizId");

-- AddForeignKey
ALTER TABLE "QuizAnswer" ADD CONSTRAINT "QuizAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
