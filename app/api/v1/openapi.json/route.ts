import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/api/openapi';

/** The API's contract, public so pipelines and generators can read it without a token. */
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
}
