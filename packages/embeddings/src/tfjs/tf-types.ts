/**
 * The slice of the TensorFlow.js API the tfjs provider touches, typed structurally so this
 * package compiles and type-checks without `@tensorflow/tfjs` installed (it is an optional peer).
 * The real `@tensorflow/tfjs` and `@tensorflow/tfjs-node` namespaces satisfy it.
 */

/** A TensorFlow.js tensor, as far as we use it. */
export interface TfTensor {
  readonly shape: number[];
  readonly dtype: string;
  data(): Promise<ArrayLike<number>>;
  dispose(): void;
}

/** Inputs a model accepts: one tensor, a list, or tensors by input name. */
export type TfInputs = TfTensor | TfTensor[] | Record<string, TfTensor>;

/** A loaded layers or graph model. */
export interface TfModel {
  predict(inputs: TfInputs): TfTensor | TfTensor[] | Record<string, TfTensor>;
  /** Graph models with control flow need the async executor; layers models lack it. */
  executeAsync?(inputs: TfInputs, outputs?: string | string[]): Promise<TfTensor | TfTensor[]>;
  /** Input descriptions; graph models carry names, layers models symbolic tensors with names. */
  readonly inputs: readonly { name: string; shape?: readonly (number | null)[] | undefined }[];
  dispose(): void;
}

/** The `@tensorflow/tfjs` namespace (or `@tensorflow/tfjs-node`'s), as far as we use it. */
export interface TfNamespace {
  tensor(values: Int32Array | Float32Array, shape: number[], dtype: "int32" | "float32"): TfTensor;
  io: { fromMemory(artifacts: object): unknown };
  loadLayersModel(handler: unknown): Promise<TfModel>;
  loadGraphModel(handler: unknown): Promise<TfModel>;
  getBackend(): string;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
}
