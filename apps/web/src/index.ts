export { StudyError, type StudyErrorReason } from "./errors.js";
export {
  studyFileSchema,
  conditionSchema,
  datasetReferenceSchema,
  STUDY_DOMAIN_NAMES,
  type Condition,
  type StudyFile,
} from "./study-schema.js";
export {
  loadStudy,
  resolveStudy,
  type Study,
  type StudyDomain,
  type StudyPool,
  type StudyPersona,
  type StudyCandidate,
  type StudyFileSystem,
} from "./load-study.js";
export { assign, assignmentRng } from "./assignment.js";
export { participantView, type ParticipantView, type OptionView } from "./participant-view.js";
export { StudyService, answerBodySchema, type AnswerBody, type AnswerResult, type StudyServiceOptions } from "./study-service.js";
export type { StudyStore } from "./store/store.js";
export type {
  Assignment,
  Matchup,
  ParticipantState,
  ParticipantRecord,
  AnswerRecord,
  AnswerPayload,
  RecordOutcome,
} from "./store/records.js";
export { createSqliteStore, type SqliteStoreOptions } from "./store/sqlite-store.js";
export { createPostgresStore, type PostgresStoreOptions } from "./store/postgres-store.js";
export { winRates, type WinRateCell } from "./win-rates.js";
export { exportRows, toCsv, type ExportRow } from "./export.js";
export { createStudyServer, type StudyServerOptions } from "./http/server.js";
export { startStudyServer, openStore, type StartOptions, type RunningStudy } from "./start.js";
export { runLoad, type LatencySummary, type LoadOptions, type LoadReport } from "./load-generator.js";
