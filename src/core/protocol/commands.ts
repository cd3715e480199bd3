/**
 * Every command the extension contributes (package.json `contributes.commands`), by id: registered by the
 * extension, carried by the server's code lenses and the status bar. test/core/commands.test.ts checks that
 * this list and package.json name the same commands.
 */
export const COMMANDS = {
  startTraining: 'distillery.startTraining',
  stopTraining: 'distillery.stopTraining',
  showComparison: 'distillery.showComparison',
  openRun: 'distillery.openRun',
  newConfig: 'distillery.newConfig',
  checkWorkspace: 'distillery.checkWorkspace',
  restartServer: 'distillery.restartServer',
  showTrainingLog: 'distillery.showTrainingLog',
  startSweep: 'distillery.startSweep',
  runOnCluster: 'distillery.runOnCluster',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
