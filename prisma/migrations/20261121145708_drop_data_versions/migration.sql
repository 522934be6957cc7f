-- DropTable
DROP TABLE "data_versions";
