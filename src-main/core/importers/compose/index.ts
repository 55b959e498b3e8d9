export { composeImporter, COMPOSE_FORMAT, detectCompose, composeProjectName } from './compose-importer';
