import { registerExecutor } from '../executor.js';
import { exactExecutor } from './exact.js';
import { sampleExecutor } from './sample.js';

// The methods a study can name. A new method: one file in this folder and one line here.
registerExecutor(exactExecutor);
registerExecutor(sampleExecutor);
