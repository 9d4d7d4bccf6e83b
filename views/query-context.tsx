import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { BugError } from '../events/errors.js';
import type { QueryClient } from '../events/read-model.js';

const QueryContext = createContext<QueryClient | null>(null);

/** Gives every screen below it the read model (the cli passes the NATS client, tests a fake). */
export const QueryClientProvider = ({ client, children }: Readonly<{ client: QueryClient; children: ReactNode }>) => (
  <QueryContext.Provider value={client}>{children}</QueryContext.Provider>
);

/** The QueryClient of the nearest provider. */
export const useQueryClient = (): QueryClient => {
  const client = useContext(QueryContext);
  if (client === null) throw new BugError('A console screen was rendered without a QueryClientProvider.');
  return client;
};
