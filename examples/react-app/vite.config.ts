import { defineConfig } from "vite";

// No React plugin needed for a production build: Vite compiles TSX with the automatic JSX runtime.
export default defineConfig({
  build: { target: "es2022" },
});
