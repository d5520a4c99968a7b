// The recommendations declaration for system tests under test/ (the one way they may reach a service).
export { recommendationsService } from '../src/recommendations.service';
