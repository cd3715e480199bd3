/** The names of the files every run directory holds, whoever wrote it (the trainer, or a sweep sealing it). */
export const REPORT_FILE = 'report.json';
export const EVENTS_FILE = 'events.jsonl';
/** The final student as files to ship: `export/tfjs/model.json` (+ weights) and `export/model.onnx`. */
export const EXPORT_DIR = 'export';
