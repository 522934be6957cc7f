import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server forwards everything the browser asks of the API to a running server,
// so `npm run dev` gives hot reload against real data and the same origin as production.
const apiServer = 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist' },
  server: {
    proxy: {
      '/api': apiServer,
      '/health': apiServer,
      '/docs': apiServer,
    },
  },
});
