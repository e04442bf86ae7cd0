import { registerExecutor } from '../executor.js';
import { exactExecutor } from './exact.js';

// The methods a study can name. A new method: one file in this folder and one line here.
registerExecutor(exactExecutor);
