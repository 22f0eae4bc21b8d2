// The keys page behind the contractor gate.
import { ContractorOnly } from './ContractorOnly';
import { KeysPage } from './KeysPage';

export function KeysRoute() {
  return (
    <ContractorOnly>
      <KeysPage />
    </ContractorOnly>
  );
}
