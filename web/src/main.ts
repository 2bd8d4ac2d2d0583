import { mount } from 'svelte';
import './app.css';
import App from './components/App.svelte';
import { followContrast } from './display/contrast.svelte';
import { registerServiceWorker } from './offline/service-worker';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

registerServiceWorker();
followContrast();

export default mount(App, { target });
