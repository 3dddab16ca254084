-- CreateEnum
CREATE TYPE "McpTransport" AS ENUM ('stdio', 'http', 'sse');

-- AlterTable
ALTER TABLE "design" ADD COLUMN     "mcpPublicAgents" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "mcpPublished" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "mcp_server" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "transport" "McpTransport" NOT NULL,
    "command" TEXT,
    "args" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cwd" TEXT,
    "url" TEXT,
    "envEncrypted" TEXT,
    "envNames" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "headersEncrypted" TEXT,
    "headerNames" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mcp_server_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mcp_server_workspaceId_name_key" ON "mcp_server"("workspaceId", "name");

-- AddForeignKey
ALTER TABLE "mcp_server" ADD CONSTRAINT "mcp_server_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

