export { useUserAlignSession, type UseUserAlignSession } from "./use-user-align-session.js";
// The storages and the framework-free pieces, so a React app needs one import.
export { httpSnapshots, localStorageSnapshots, type SessionControllerOptions, type SnapshotStorage } from "@useralign/element";
