// The core's optimal-schedule arithmetic for the app's main thread (the planner), without pulling
// the whole engine into its bundle as ./core.ts would.
import './builtins';

export { heldShare } from '../../assembly/schedule';
