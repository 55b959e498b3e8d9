export { renderImporter, RENDER_FORMAT, detectRender } from './render-importer';
