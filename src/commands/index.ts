export { registerCommands, refreshStatus, checkPlan, type CommandDeps, type CommandEvent } from './commands';
export { outcomes, OutcomeStore, type CommandName, type CommandOutcome, type OutcomeListener } from './outcome';
export { dialogNotifier, type Notice, type Notify } from './notify';
