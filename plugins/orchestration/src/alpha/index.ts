export { orchestrationPlugin } from './plugin';
export { orchestrationApi } from './apis';
export { orchestrationEntityCard } from './entityCards';
export { orchestrationEntityContent } from './entityContent';
export { orchestrationPage } from './pages';
