import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    // Component tests mount Naive UI, which takes seconds on a loaded 2-core
    // machine (CI, a clerk's laptop): Vitest's 5 s default failed there.
    // Tests still wait for conditions, never for time.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
