-- AlterEnum
ALTER TYPE "CampaignStatus" ADD VALUE 'paused';
