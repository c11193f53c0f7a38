export { createSessionController, type SessionController, type SessionControllerOptions, type SessionState } from "./session-controller.js";
export {
  httpSnapshots,
  localStorageSnapshots,
  type HttpSnapshotsOptions,
  type SnapshotStorage,
  type WebStorage,
} from "./snapshot-storage.js";
export { bindCompareElement, defineCompareElement, type CompareChooseEvent, type CompareElement } from "./compare-element.js";
