import { Skeleton } from '@/app/_components/skeleton'

export default function Loading() {
  return <Skeleton rows={4} />
}
