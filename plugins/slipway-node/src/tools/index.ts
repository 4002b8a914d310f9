export { locateTools, toolsOptionsFromConfig } from './ToolLocator';
export type {
  LocateToolsOptions,
  LocatedTools,
  ToolSource,
  ToolsConfigReader,
} from './ToolLocator';
