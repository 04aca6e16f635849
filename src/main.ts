// Entry point: read the link, start the first run, mount the interface.
import { mount } from 'svelte';
import { AppState } from './ui/app-state.svelte';
import App from './ui/App.svelte';
import './ui/styles.css';

const app = new AppState();
app.openLink(location.hash);
mount(App, { target: document.getElementById('app')!, props: { app } });
