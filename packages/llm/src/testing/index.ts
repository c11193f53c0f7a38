export {
  startFakeChatServer,
  completionBody,
  lastUser,
  type FakeChatServer,
  type FakeChatServerOptions,
  type SeenRequest,
  type ChatBody,
  type Reply,
  type Script,
} from "./fake-chat-server.js";
export { scriptedModel, type ModelScript } from "./scripted-model.js";
