// The core's Cholesky factor of several assets' correlation matrix, for the host's rule that the
// matrix be positive definite (resolve.ts), without pulling the whole engine in as ./core.ts would.
import './builtins';

export { choleskyOf } from '../../assembly/cholesky';
