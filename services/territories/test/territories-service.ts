// The territories declaration for system tests under test/ (the one way they may reach a service).
export { territoriesService } from '../src/territories.service';
