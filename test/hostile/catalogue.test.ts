/** Every hostile input of the catalogue in one process, so the counts print once (see harness.ts). */
import './run-dir.cases';
import './closed-output.cases';
import './teacher-outputs.cases';
import './layer-names.cases';
import './file-reads.cases';
import './images.cases';
import './check-cli.cases';
import './escapes.cases';
import './sweep-index.cases';
import './batch-scripts.cases';
import './cli-output.cases';
import './model-budget.cases';
