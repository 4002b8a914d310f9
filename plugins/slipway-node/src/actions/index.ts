export * from './resourceActions';
export { createMergePatch, restoreEmptyMaps } from './createMergePatch';
export { LuaResourceActions } from './LuaResourceActions';
export type {
  LuaKindActions,
  LuaResourceActionsOptions,
} from './LuaResourceActions';
export { actionCustomizations } from './actionCustomizations';
export { checkActionParameters } from './actionParameters';
export type { ResourceActionParameters } from './actionParameters';
