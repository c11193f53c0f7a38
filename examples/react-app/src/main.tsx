import { defineCompareElement } from "@useralign/element";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";

defineCompareElement();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
