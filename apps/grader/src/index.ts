export { main, EXIT } from './cli/main.js';
