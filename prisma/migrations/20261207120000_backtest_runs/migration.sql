-- A backtest of the models on past cutoffs is a model run of its own kind.
ALTER TYPE "ModelKind" ADD VALUE 'backtest';
