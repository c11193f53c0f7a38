// What an application with a strict Content-Security-Policy does before its first zod schema
// is used: without it, zod (the core's validation) probes `new Function` once and the browser
// reports a 'script-src eval' violation, although zod catches the refusal and works without.
// Imported first by the page entry, because imports run before the importing module's body.
import * as z from "zod";

z.config({ jitless: true });
