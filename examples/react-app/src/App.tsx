import type { CompareChooseEvent, CompareElement } from "@useralign/element";
import { localStorageSnapshots, useUserAlignSession } from "@useralign/react";
import { useEffect, useRef } from "react";
import { DINNERS } from "./pool.js";

const features = DINNERS.map((d) => d.features);
const storage = localStorageSnapshots();

declare module "react" {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      "useralign-compare": React.DetailedHTMLProps<React.HTMLAttributes<CompareElement>, CompareElement> & {
        first?: string;
        second?: string;
      };
    }
  }
}

/** One question at a time with <useralign-compare>; the session survives a reload. */
export function App() {
  const session = useUserAlignSession({ features, storageKey: "dinner", storage, session: { seed: 7 } });
  const compare = useRef<CompareElement>(null);
  useEffect(() => {
    const element = compare.current;
    if (!element || !session.pair) return;
    const [a, b] = session.pair;
    const onChoose = (e: Event) => void session.answer((e as CompareChooseEvent).detail.slot === 0 ? a : b);
    element.addEventListener("useralign-choose", onChoose);
    return () => element.removeEventListener("useralign-choose", onChoose);
  }, [session.pair, session.answer]);

  if (session.status === "loading") return <p>Loading…</p>;
  return (
    <main>
      <h1>Which dinner tonight?</h1>
      {session.error && <p role="alert">{session.error.message}</p>}
      {session.pair ? (
        <>
          <p data-testid="progress">
            Question {session.progress.questions + 1}
            {session.progress.bound !== null && ` · B(t) = ${session.progress.bound.toFixed(3)}`}
          </p>
          <useralign-compare ref={compare} first={DINNERS[session.pair[0]]!.text} second={DINNERS[session.pair[1]]!.text} />
        </>
      ) : (
        <p data-testid="result">
          Your pick: <strong>{DINNERS[session.result!.choice]!.text}</strong> after {session.result!.questions} questions.
        </p>
      )}
      <button type="button" onClick={() => void session.reset()}>
        Start over
      </button>
    </main>
  );
}
