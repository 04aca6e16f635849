// Svelte 5 compiles <script lang="ts"> natively; no preprocessor is needed.
export default {};
