// The collectives declaration for system tests under test/ (the one way they may reach a service).
export { collectivesService } from '../src/collectives.service';
