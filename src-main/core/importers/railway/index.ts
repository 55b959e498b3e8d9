export { railwayImporter, RAILWAY_FORMAT, detectRailway, railwayServiceName } from './railway-importer';
