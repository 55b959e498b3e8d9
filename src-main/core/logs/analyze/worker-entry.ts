/**
 * The script of analysis worker threads when the build emits it as its own small bundle
 * (`analyze-worker.js` next to the bundle that starts them): loading it costs a few
 * milliseconds, where the CLI's whole bundle costs ~0.3 s of CPU per worker.
 */
import './parallel';
